import { z } from 'zod';
import { addUser } from '../proxy/auth/users';
import { usersFilePath } from '../proxy/config';

/**
 * `npm run user:add -- <name> [--budget <usd per month>] [--email <address>] [--expires-days <n>]`: creates a user
 * and prints its token once. The address is where the server mails them (batch finished); only the admin sets it.
 * With `--expires-days` the token stops working after that many days.
 */
const args = process.argv.slice(2);
const valueOf = (flag: string) => {
  const index = args.indexOf(flag);
  return index >= 0 ? args[index + 1] : undefined;
};
const name = args.find((arg, index) => !arg.startsWith('--') && !args[index - 1]?.startsWith('--'));
const budgetText = valueOf('--budget');
const budget = budgetText === undefined ? undefined : Number(budgetText);
const email = valueOf('--email');
const expiresText = valueOf('--expires-days');
const expiresDays = expiresText === undefined ? undefined : Number(expiresText);

if (!name || (budget !== undefined && !(budget >= 0)) || (expiresDays !== undefined && !(expiresDays > 0))) {
  console.error(
    'Usage: npm run user:add -- <name> [--budget <USD per month>] [--email <address>] [--expires-days <days>]'
  );
  process.exit(2);
}
if (email !== undefined && !z.email().safeParse(email).success) {
  console.error(`"${email}" is not an e-mail address.`);
  process.exit(2);
}

const path = usersFilePath(process.env);
try {
  const token = addUser(path, name, { monthlyBudgetUsd: budget, email, expiresDays });
  console.log(
    `Created user "${name}" in ${path}${email ? ` (mail to ${email})` : ''}${expiresDays ? `; the token expires in ${expiresDays} days` : ''}.`
  );
  console.log('Their token (shown only now; paste it into Settings → AI proxy):');
  console.log(token);
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
