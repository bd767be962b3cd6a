// Seeds a fresh Hallway database for a run, in its own process so the coordinator never loads
// the app: migrates, creates one public event with `docs` sessions and `users` members, and signs
// the collab tokens asked for with the same signer the app's token route uses. Optionally stores
// a document of `coldUpdates` log rows (the cold-load case).
//   node --import tsx bench/lib/hallway-seed.ts <spec.json> <out.json>   (cwd: the repository)
import fs from 'node:fs';
import * as Y from 'yjs';
import { signCollabToken } from '@/lib/auth/collab-token';
import { db } from '@/lib/db';
import { resolveDatabaseTarget } from '@/lib/database-url';
import { migrateDatabase } from '@/lib/migrate-database';
import { docNameForSession } from '@/lib/notes/doc-name';
import { addMember, buildEvent, buildSession, buildUser } from '@/test/builders';

export interface SeedSpec {
  docs: number;
  users: number;
  /** [user index or -1 for anonymous, doc index, read-only] */
  tokens: [number, number, boolean][];
  coldUpdates?: number;
}
export interface SeedResult {
  docNames: string[];
  tokens: string[];
  coldDoc?: string;
  /** A read-only token for the first user on the cold document. */
  coldToken?: string;
}

async function main(): Promise<void> {
  const [specFile, outFile] = process.argv.slice(2);
  const spec = JSON.parse(fs.readFileSync(specFile!, 'utf8')) as SeedSpec;
  await migrateDatabase(resolveDatabaseTarget());
  const organiser = await buildUser();
  const { event } = await buildEvent({ organiserId: organiser.id, visibility: 'PUBLIC' });
  const docNames: string[] = [];
  for (let i = 0; i < spec.docs; i++) docNames.push(docNameForSession((await buildSession(event.id)).id));
  const userIds: string[] = [];
  for (let i = 0; i < spec.users; i++) {
    const u = await buildUser();
    await addMember(event.id, u.id);
    userIds.push(u.id);
  }
  const tokens = spec.tokens.map(
    ([user, doc, ro]) =>
      signCollabToken({
        userId: user < 0 ? null : userIds[user]!,
        docName: docNames[doc]!,
        readOnly: ro,
        ttlSeconds: 3600,
      }).token,
  );
  let coldDoc: string | undefined;
  let coldToken: string | undefined;
  if (spec.coldUpdates) {
    coldDoc = docNameForSession((await buildSession(event.id)).id);
    coldToken = signCollabToken({
      userId: userIds[0] ?? null,
      docName: coldDoc,
      readOnly: true,
      ttlSeconds: 3600,
    }).token;
    // One writer typing into one paragraph: each row is one keystroke, as an unbatched log would hold.
    const doc = new Y.Doc();
    const rows: Uint8Array<ArrayBuffer>[] = [];
    doc.on('update', (u: Uint8Array) => rows.push(new Uint8Array(u)));
    const paragraph = new Y.XmlElement('paragraph');
    const text = new Y.XmlText();
    paragraph.insert(0, [text]);
    doc.getXmlFragment('default').push([paragraph]);
    for (let i = 1; i < spec.coldUpdates; i++) text.insert(text.length, String.fromCharCode(97 + (i % 26)));
    for (let i = 0; i < rows.length; i += 2000) {
      await db.docUpdate.createMany({ data: rows.slice(i, i + 2000).map((data) => ({ docName: coldDoc!, data })) });
    }
  }
  const result: SeedResult = { docNames, tokens, coldDoc, coldToken };
  fs.writeFileSync(outFile!, JSON.stringify(result));
  await db.$disconnect();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
