/** `sot user add|list|passwd`: user administration without the web. */
import { SYSTEM_ACTOR } from '../../domain/actor.js';
import { addUser, listUsers, setPassword } from '../../domain/users.js';
import { ROLES, type Role } from '../../shared/kinds.js';
import { type Command, str } from '../command.js';
import { formatTable, UsageError } from '../io.js';
import { readNewPassword } from '../password.js';

const passwordStdin = {
  type: 'boolean' as const,
  description: 'read the password from the first line of stdin (default: ask twice on the terminal)',
};

export const userAdd: Command = {
  name: 'user add',
  summary: 'Create a user',
  usage: '<username> --role ROLE [--county CC | --municipality MMMM] [--name "Full Name"] [--password-stdin]',
  args: { min: 1, max: 1 },
  options: {
    role: { type: 'string', value: 'ROLE', description: `one of ${ROLES.join(', ')}` },
    county: {
      type: 'string',
      value: 'CC',
      description: 'county code (2 digits), for county users and county-wide viewers',
    },
    municipality: {
      type: 'string',
      value: 'MMMM',
      description: 'municipality code (4 digits), for municipality, operator and viewer users',
    },
    name: { type: 'string', value: 'TEXT', description: 'display name' },
    'password-stdin': passwordStdin,
  },
  help: [
    'Passwords need at least 10 characters. The county and municipality must exist (import boundaries first).',
    'Example: echo "$PASSWORD" | sot user add anna --role municipality --municipality 2321 --name "Anna Berg" --password-stdin',
  ],
  async run(ctx) {
    const role = str(ctx.values, 'role');
    if (!role) throw new UsageError('--role is required');
    if (!(ROLES as readonly string[]).includes(role))
      throw new UsageError(`--role must be one of ${ROLES.join(', ')} (got ${role})`);
    const database = await ctx.database();
    const password = await readNewPassword(ctx.io, ctx.values['password-stdin'] === true);
    const user = await addUser(database.db, SYSTEM_ACTOR, {
      username: ctx.positionals[0],
      role: role as Role,
      displayName: str(ctx.values, 'name') ?? '',
      countyCode: str(ctx.values, 'county'),
      municipalityCode: str(ctx.values, 'municipality'),
      password,
    });
    const where = [
      user.municipalityCode ? `municipality ${user.municipalityCode}` : null,
      user.countyCode ? `county ${user.countyCode}` : null,
    ].filter(Boolean);
    ctx.out(
      `Created user ${user.username} (id ${user.id}, role ${user.role}${where.length ? `, ${where.join(', ')}` : ''}).`,
    );
    return 0;
  },
};

export const userList: Command = {
  name: 'user list',
  summary: 'List users',
  usage: '[--format table|json]',
  args: { min: 0, max: 0 },
  options: { format: { type: 'string', value: 'FORMAT', description: 'table (default) or json' } },
  async run(ctx) {
    const format = str(ctx.values, 'format') ?? 'table';
    if (format !== 'table' && format !== 'json') throw new UsageError('--format must be table or json');
    const database = await ctx.database();
    const list = await listUsers(database.db);
    if (format === 'json') {
      ctx.out(JSON.stringify(list, null, 2));
      return 0;
    }
    if (list.length === 0) {
      ctx.out('No users. Create one with: sot user add <username> --role admin');
      return 0;
    }
    const rows = list.map((u) => [
      u.id,
      u.username,
      u.role,
      u.countyCode ?? '',
      u.municipalityCode ?? '',
      u.disabled ? 'disabled' : '',
      u.displayName,
    ]);
    for (const line of formatTable(
      ['id', 'username', 'role', 'county', 'municipality', 'status', 'name'],
      rows,
    ))
      ctx.out(line);
    return 0;
  },
};

export const userPasswd: Command = {
  name: 'user passwd',
  summary: "Set a user's password (ends their sessions)",
  usage: '<username> [--password-stdin]',
  args: { min: 1, max: 1 },
  options: { 'password-stdin': passwordStdin },
  async run(ctx) {
    const database = await ctx.database();
    const password = await readNewPassword(ctx.io, ctx.values['password-stdin'] === true);
    await setPassword(database.db, SYSTEM_ACTOR, ctx.positionals[0], password);
    ctx.out(`Password of ${ctx.positionals[0]} changed; their sessions were ended.`);
    return 0;
  },
};
