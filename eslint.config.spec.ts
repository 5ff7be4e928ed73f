import { ESLint } from 'eslint';
import { createProjectGraphAsync } from 'nx/src/devkit-exports';

// The module-boundary rules are the only thing that keeps the pure libraries pure and the app at the
// top; this proves eslint.config.mjs still refuses what it must (a config edit could silently drop them).
const eslint = new ESLint({ cwd: import.meta.dirname });

async function boundaryErrors(filePath: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath });
  return result.messages.filter((message) => message.ruleId === '@nx/enforce-module-boundaries').map((message) => message.message);
}

describe('module boundaries (eslint.config.mjs)', () => {
  // The rule reads Nx's cached project graph and checks nothing without it (as on a fresh clone,
  // which is why `npm run lint` runs `nx show projects` first): make sure it exists.
  beforeAll(async () => {
    await createProjectGraphAsync({ exitOnError: false });
  }, 60_000);

  it.each([
    ['libs/stix/src/probe.ts', "import { Injectable } from '@nestjs/common';", 'is not allowed to import "@nestjs/common"'],
    ['libs/access/src/probe.ts', "import { DataSource } from 'typeorm';", 'is not allowed to import "typeorm"'],
    ['libs/stix/src/probe.ts', "import { HubError } from '@hub/platform';", 'can only depend on libs tagged with "type:domain"'],
    ['libs/platform/src/probe.ts', "import { MembersModule } from '@hub/members';", 'can only depend on libs tagged with'],
    ['libs/members/src/probe.ts', "import { startHub } from '@hub/hub-api';", 'Imports of apps are forbidden'],
    // The member command line is a client of the hub over HTTP: no server library, no database driver.
    ['apps/hub-member/src/probe.ts', "import { FeedService } from '@hub/sharing';", 'cannot depend on any libs with tags'],
    ['apps/hub-member/src/probe.ts', "import pg from 'pg';", 'is not allowed to import "pg"'],
    // inside-repo: the relative import below is relative to the probe file, not to this one.
    ['libs/members/src/probe.ts', "import { readableCondition } from '../../access/src/index';", 'must begin with a npm scope'], // inside-repo: see above
    ['apps/hub-web/src/probe.ts', "import { HubError } from '@hub/platform';", 'can only depend on libs tagged with "scope:browser"'],
    ['apps/hub-web/src/probe.ts', "import { readableCondition } from '@hub/access';", 'can only depend on libs tagged with "scope:browser"'],
    ['apps/hub-web/src/probe.tsx', "import { Injectable } from '@nestjs/common';", 'is not allowed to import "@nestjs/common"'],
    ['apps/hub-web/src/probe.ts', "import { parse } from 'graphql';", 'is not allowed to import "graphql"'],
  ])('refuses in %s: %s', async (filePath, importLine, expected) => {
    const errors = await boundaryErrors(filePath, `${importLine}\nexport const probe = 1;\n`);
    expect(errors).toEqual([expect.stringContaining(expected)]);
  });

  it.each([
    ['libs/members/src/probe.ts', "import { readableCondition } from '@hub/access';"],
    ['apps/hub-api/src/probe.ts', "import { MembersModule } from '@hub/members';"],
    ['tests/e2e/probe.ts', "import { startHub } from '@hub/hub-api';"],
    ['apps/hub-web/src/probe.tsx', "import { matchConsoleRoute } from '@hub/console-routes';"],
    ['apps/hub-api/src/probe.ts', "import { consoleHostMiddleware } from '@hub/console-host';"],
  ])('allows in %s: %s', async (filePath, importLine) => {
    expect(await boundaryErrors(filePath, `${importLine}\nexport const probe = 1;\n`)).toEqual([]);
  });

  it('lets the console import the pattern parser of libs/stix, but not the root of libs/stix (its ids use node:crypto)', async () => {
    const errors = async (importLine: string) => {
      const [result] = await eslint.lintText(`${importLine}\nexport const probe = 1;\n`, { filePath: 'apps/hub-web/src/probe.ts' });
      return result.messages.filter((message) => message.ruleId === '@nx/enforce-module-boundaries' || message.ruleId === 'no-restricted-imports').map((message) => message.message);
    };
    expect(await errors("import { parsePattern } from '@hub/stix/pattern';")).toEqual([]);
    expect(await errors("import { parsePattern } from '@hub/stix';")).toEqual([expect.stringContaining('Import @hub/stix/pattern')]);
  });
});
