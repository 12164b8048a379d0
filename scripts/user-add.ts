import { addUser } from '../proxy/auth/users';
import { usersFilePath } from '../proxy/config';

/** `npm run user:add -- <name> [--budget <usd per month>]`: creates a user and prints its token once. */
const args = process.argv.slice(2);
const name = args.find((arg, index) => !arg.startsWith('--') && args[index - 1] !== '--budget');
const budgetIndex = args.indexOf('--budget');
const budget = budgetIndex >= 0 ? Number(args[budgetIndex + 1]) : undefined;

if (!name || (budget !== undefined && !(budget >= 0))) {
  console.error('Usage: npm run user:add -- <name> [--budget <USD per month>]');
  process.exit(2);
}

const path = usersFilePath(process.env);
try {
  const token = addUser(path, name, budget);
  console.log(`Created user "${name}" in ${path}.`);
  console.log('Their token (shown only now; paste it into Settings → AI proxy):');
  console.log(token);
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
