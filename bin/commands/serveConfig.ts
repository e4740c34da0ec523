import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { type ParseError, parse as parseJsonc, printParseErrorCode } from 'jsonc-parser';
import { z } from 'zod';
import { VarvError } from '../../engine/errors.ts';
import { id, loadStoreFile, privacySchema, type StoreLayout } from '../../engine/layout/index.ts';

export const SERVE_FORMAT = 'varv.serve/1';

const nonEmpty = z.string().min(1);

const sourceSchema = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({
      kind: z.literal('ffmpeg'),
      url: nonEmpty,
      fps: z.number().gt(0).max(60).default(10),
      width: z.int().min(64).max(4096).optional(),
      inputFormat: nonEmpty.optional(),
      realtime: z.boolean().optional(),
      restart: z.boolean().optional(),
    }),
    z.strictObject({ kind: z.literal('push') }),
    z.strictObject({
      kind: z.literal('folder'),
      dir: nonEmpty,
      fps: z.number().gt(0).max(60).optional(),
      loop: z.boolean().optional(),
    }),
  ],
  {
    error: (iss) =>
      iss.code === 'invalid_union' ? 'unknown source "kind": expected ffmpeg, push or folder' : undefined,
  },
);

/** A token, given in the file or (better) named by an environment variable. */
const tokenSchema = z
  .strictObject({
    token: nonEmpty.optional(),
    env: nonEmpty.optional(),
    role: z.enum(['camera', 'manager', 'admin']),
    camera: id.optional(),
  })
  .refine((t) => (t.token === undefined) !== (t.env === undefined), {
    error: 'give a token either as "token" or as "env" (the name of an environment variable), not both',
  })
  .refine((t) => (t.role === 'camera') === (t.camera !== undefined), {
    error: 'a camera token names its camera ("camera"), and only a camera token does',
  });

const storeEntrySchema = z.strictObject({
  /** A varv.store/1 file, relative to this configuration. */
  layout: nonEmpty,
  privacy: privacySchema.extend({ key: nonEmpty.optional(), keyFile: nonEmpty.optional() }),
  cameras: z
    .array(
      z.strictObject({
        id,
        source: sourceSchema,
        queue: z.int().min(1).max(1000).optional(),
      }),
    )
    .min(1, { error: 'a live store needs at least one camera' }),
});

export const serveConfigSchema = z.strictObject({
  format: z.literal(SERVE_FORMAT, { error: `expected "${SERVE_FORMAT}"` }),
  listen: z
    .strictObject({
      host: nonEmpty.default('127.0.0.1'),
      port: z.int().min(0).max(65535).default(8080),
    })
    .default({ host: '127.0.0.1', port: 8080 }),
  /** PEM files; without them the server speaks plain HTTP (keep it on 127.0.0.1 then). */
  tls: z.strictObject({ cert: nonEmpty, key: nonEmpty }).optional(),
  /** The event store: a PostgreSQL URL, or PGlite's folder (default VARV_DATABASE_URL, else .varv/events). */
  database: z.strictObject({ url: nonEmpty.optional(), dir: nonEmpty.optional() }).default({}),
  /** The uplink to the cloud (default VARV_NATS_URL); without one, events stay in the store's database. */
  uplink: z.strictObject({ nats: nonEmpty.optional() }).default({}),
  tokens: z.array(tokenSchema).min(1, { error: 'give at least one token (a manager to read the twin)' }),
  vision: z
    .strictObject({
      intraOpThreads: z.int().min(1).max(64).optional(),
      modelDir: nonEmpty.optional(),
      /**
       * Worker threads for detection and embedding (default 2); 0 runs them in the server's own
       * thread, where each inference blocks HTTP (about half the cameras, less memory).
       */
      workers: z.int().min(0).max(64).default(2),
    })
    .default({ workers: 2 }),
  /** One in-store server per store: run one `varv serve` per store (the cloud side reads them all). */
  stores: z
    .array(storeEntrySchema)
    .min(1)
    .max(1, { error: 'one in-store server serves one store: run one varv serve per store' }),
});

export type ServeConfig = z.output<typeof serveConfigSchema>;
export type ResolvedServeConfig = Omit<ServeConfig, 'stores'> & {
  file: string;
  stores: (ServeConfig['stores'][number] & { store: StoreLayout })[];
};

/**
 * Reads a `varv.serve/1` file (JSON with comments): validates it, resolves paths against the
 * file, loads each store's layout and checks that every camera and camera token names a camera
 * of its store. Every problem is a VarvError E_CONFIG naming the file and the JSON path.
 */
export function loadServeConfig(file: string): ResolvedServeConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new VarvError('E_CONFIG', `cannot read ${file}: ${(e as Error).message}`);
  }
  const errors: ParseError[] = [];
  const raw = parseJsonc(text, errors, { allowTrailingComma: true });
  const first = errors[0];
  if (first)
    throw new VarvError('E_CONFIG', `${file}: ${printParseErrorCode(first.error)} at offset ${first.offset}`);
  const parsed = serveConfigSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0] as z.core.$ZodIssue;
    const path = issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('');
    throw new VarvError('E_CONFIG', `${file}: $${path}: ${issue.message}`);
  }
  const base = dirname(resolve(file));
  const at = (p: string) => resolve(base, p);
  const c = parsed.data;
  const stores = c.stores.map((s, i) => {
    const store = loadStoreFile(at(s.layout));
    for (const [j, cam] of s.cameras.entries())
      if (!store.cameras.some((x) => x.id === cam.id))
        throw new VarvError(
          'E_CONFIG',
          `${file}: $.stores[${i}].cameras[${j}].id: store "${store.id}" has no camera "${cam.id}"`,
        );
    return {
      ...s,
      store,
      privacy: { ...s.privacy, ...(s.privacy.keyFile ? { keyFile: at(s.privacy.keyFile) } : {}) },
      cameras: s.cameras.map((cam) =>
        cam.source.kind === 'folder'
          ? { ...cam, source: { ...cam.source, dir: at(cam.source.dir) } }
          : cam.source.kind === 'ffmpeg' && !/^[a-z]+:\/\//i.test(cam.source.url)
            ? { ...cam, source: { ...cam.source, url: at(cam.source.url) } }
            : cam,
      ),
    };
  });
  const cameras = new Set(stores.flatMap((s) => s.cameras.map((c) => c.id)));
  for (const [i, t] of c.tokens.entries())
    if (t.camera && !cameras.has(t.camera))
      throw new VarvError('E_CONFIG', `${file}: $.tokens[${i}].camera: no configured camera "${t.camera}"`);
  return {
    ...c,
    file,
    tls: c.tls ? { cert: at(c.tls.cert), key: at(c.tls.key) } : undefined,
    database: {
      ...c.database,
      ...(c.database.dir && c.database.dir !== 'memory://' ? { dir: at(c.database.dir) } : {}),
    },
    stores,
  };
}

/** The configured tokens with their values (from the file or the environment). */
export function resolveTokens(
  c: ResolvedServeConfig,
  env: Record<string, string | undefined> = process.env,
): { token: string; role: 'camera' | 'manager' | 'admin'; camera?: string }[] {
  return c.tokens.map((t, i) => {
    const token = t.token ?? env[t.env as string];
    if (!token)
      throw new VarvError(
        'E_CONFIG',
        `${c.file}: $.tokens[${i}]: the environment variable ${t.env} is not set`,
      );
    return { token, role: t.role, ...(t.camera ? { camera: t.camera } : {}) };
  });
}
