import { studioModules } from '$lib/app/modules';
import { icons } from './icons';

export interface NavLink {
  href: string;
  label: string;
  icon: string;
}

export const homeLink: NavLink = { href: '/', label: 'Home', icon: icons.home };
export const settingsLink: NavLink = { href: '/settings', label: 'Settings', icon: icons.settings };
export const moduleLinks: NavLink[] = studioModules.map((m) => ({
  href: m.href,
  label: m.name,
  icon: m.icon
}));

/** The phone's bottom bar has room for four short labels plus "More". */
const shortLabels: Record<string, string> = {
  '/social': 'Optimize',
  '/create': 'Create',
  '/library': 'Library'
};

export const bottomLinks: NavLink[] = [
  homeLink,
  ...moduleLinks.flatMap((link) => {
    const label = shortLabels[link.href];
    return label ? [{ ...link, label }] : [];
  })
];

export function isCurrent(pathname: string, href: string): boolean {
  return href === '/' ? pathname === '/' : pathname === href || pathname.startsWith(`${href}/`);
}
