-- Whether any admin exists (bootstrap.ts): the first one is created only when none does.
SELECT 1 FROM app_user WHERE role = 'admin' LIMIT 1
