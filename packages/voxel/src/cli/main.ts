#!/usr/bin/env node
// Placeholder CLI: the command exists so scripts can find it; its features come with its own issue.
import { runPlaceholderCli } from '@ebm/core';

runPlaceholderCli('ebm-voxel', '3D shape synthesis, recovery and super-resolution.');
