import React from 'react';
import merge from 'lodash';
import { expect } from 'jest';
import fs from 'node:fs';
import path from 'path';
