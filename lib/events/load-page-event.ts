import { notFound } from 'next/navigation';
import { cache } from 'react';
import { getPageUser } from '@/lib/auth/page-user';
import { AppError } from '@/lib/errors';
import { allows, loadEventAccess } from './event-access';

/** For pages: the viewer and their access to an event, or the not-found page. Loaded once per request. */
export const loadPageEvent = cache(async (slug: string) => {
  const user = await getPageUser();
  try {
    const access = await loadEventAccess(user, { slug });
    return { user, access, organiser: allows(access, 'event.update') };
  } catch (err) {
    if (err instanceof AppError && err.code === 'not_found') notFound();
    throw err;
  }
});
