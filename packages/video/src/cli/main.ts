#!/usr/bin/env node
// Placeholder CLI: the command exists so scripts can find it; its features come with its own issue.
import { runPlaceholderCli } from '@ebm/core';

runPlaceholderCli('ebm-video', 'dynamic-texture synthesis and recovery of missing pixels and frames.');
