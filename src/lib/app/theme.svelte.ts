export type ThemeChoice = 'system' | 'light' | 'dark';

const STORAGE_KEY = 'image-studio:theme';
const order: ThemeChoice[] = ['system', 'light', 'dark'];

function readChoice(): ThemeChoice {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    return stored === 'light' || stored === 'dark' ? stored : 'system';
  } catch {
    // Storage can be blocked (private mode, enterprise policy): follow the system then.
    return 'system';
  }
}

class Theme {
  choice = $state<ThemeChoice>('system');
  systemDark = $state(false);
  resolved = $derived<'light' | 'dark'>(
    this.choice === 'system' ? (this.systemDark ? 'dark' : 'light') : this.choice
  );

  /** Reads the saved choice and follows the system setting; returns the cleanup. */
  start(): () => void {
    this.choice = readChoice();
    const query = matchMedia('(prefers-color-scheme: dark)');
    this.systemDark = query.matches;
    const onChange = (event: MediaQueryListEvent) => (this.systemDark = event.matches);
    query.addEventListener('change', onChange);
    return () => query.removeEventListener('change', onChange);
  }

  set(choice: ThemeChoice): void {
    this.choice = choice;
    try {
      if (choice === 'system') localStorage.removeItem(STORAGE_KEY);
      else localStorage.setItem(STORAGE_KEY, choice);
    } catch {
      // Not persisted when storage is blocked; the choice still applies to this visit.
    }
  }

  cycle(): void {
    this.set(order[(order.indexOf(this.choice) + 1) % order.length] ?? 'system');
  }
}

export const theme = new Theme();
