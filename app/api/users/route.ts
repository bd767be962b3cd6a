import { apiRoute, created, readBody } from '@/lib/http/api-route';
import { clientAddressOf } from '@/lib/http/client-address';
import { signUpFromWeb } from '@/lib/users/sign-up';

// Sign-up; the page then signs in through next-auth with the same credentials.
export const POST = apiRoute(async ({ req }) =>
  created(await signUpFromWeb(await readBody(req), clientAddressOf(req.headers))),
);
