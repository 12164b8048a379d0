import { revokeUser } from '../proxy/auth/users';
import { usersFilePath } from '../proxy/config';

/**
 * `npm run user:revoke -- <name>`: removes a user from the users file; a running server refuses their token within
 * seconds (it re-reads the file when it changes). Users given in AI_USERS are revoked by editing that variable.
 */
const name = process.argv[2];
if (!name || name.startsWith('--')) {
  console.error('Usage: npm run user:revoke -- <name>');
  process.exit(2);
}
const path = usersFilePath(process.env);
try {
  revokeUser(path, name);
  console.log(`Revoked "${name}" in ${path}: their token no longer works.`);
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
