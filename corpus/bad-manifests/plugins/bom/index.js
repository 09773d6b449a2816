import { two } from "dup";
