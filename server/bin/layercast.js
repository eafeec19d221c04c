#!/usr/bin/env node
// The `layercast` command of the package. The workspace runs its TypeScript sources
// directly (no build step), so this registers tsx's loader and hands over to the CLI.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli.ts');
