import { a } from "lib";
