import Dexie, { type EntityTable } from 'dexie';

/** A small value kept on the device (preferences, the proxy URL and token…), validated with zod on read. */
export interface SettingRow {
  key: string;
  value: unknown;
  updatedAt: number;
}

/** A platform preset the user made or edited; same shape as the built-in catalogue's entries. */
export interface UserPresetRow {
  id: string;
  platform: string;
  preset: unknown;
  favourite: boolean;
  updatedAt: number;
}

/** A crop the user chose by hand for one source image and one preset; it wins over automatic cropping. */
export interface CropChoiceRow {
  sourceHash: string;
  presetId: string;
  choice: unknown;
  updatedAt: number;
}

/**
 * Every schema version the app has shipped, oldest first. Never edit a shipped entry: add a new version
 * (with an `upgrade` when existing rows must change), or users' data is lost on update.
 */
export const schemaVersions: { version: number; stores: Record<string, string | null> }[] = [
  {
    version: 1,
    stores: {
      settings: 'key',
      presets: 'id, platform, favourite, updatedAt',
      cropChoices: '[sourceHash+presetId], sourceHash'
    }
  }
];

export class StudioDatabase extends Dexie {
  settings!: EntityTable<SettingRow, 'key'>;
  presets!: EntityTable<UserPresetRow, 'id'>;
  cropChoices!: EntityTable<CropChoiceRow, 'sourceHash'>;

  constructor(name = 'image-studio', options?: ConstructorParameters<typeof Dexie>[1]) {
    super(name, options);
    for (const { version, stores } of schemaVersions) this.version(version).stores(stores);
  }
}

let instance: StudioDatabase | undefined;

/** The app's one database, opened on first use (never at import, so Node code can import freely). */
export function database(): StudioDatabase {
  instance ??= new StudioDatabase();
  return instance;
}
