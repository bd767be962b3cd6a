import { PageShell } from '@/components/site-header';
import { ButtonLink } from '@/components/ui/button';

export default function NotFound() {
  return (
    <PageShell>
      <div className="py-16 text-center">
        <p className="text-sm font-semibold text-brand-700">404</p>
        <h1 className="mt-2 text-3xl font-bold text-ink">We could not find that page</h1>
        <p className="mt-2 text-stone-600">
          It may have moved, or it may be private. If someone sent you a link, check that it is complete.
        </p>
        <ButtonLink href="/" className="mt-8">
          Go to the start page
        </ButtonLink>
      </div>
    </PageShell>
  );
}
