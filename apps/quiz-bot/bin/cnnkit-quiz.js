#!/usr/bin/env node
// A committed shim, so package managers can link the command before the app is built.
import '../dist/cli.js';
