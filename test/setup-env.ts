// Runs in every test worker before the tests: a fixed signing secret and a quiet logger.
process.env.AUTH_SECRET ??= 'test-secret-test-secret-test-secret-0123456789';
process.env.NEXTAUTH_SECRET = process.env.AUTH_SECRET;
process.env.NEXTAUTH_URL ??= 'http://localhost:3000';
process.env.LOG_LEVEL ??= 'warn';
