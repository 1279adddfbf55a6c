#!/usr/bin/env node
import { runCli } from '@ebm/core';
import { viewerCommand } from './viewerCommand.js';

await runCli('ebm-viewer', viewerCommand);
