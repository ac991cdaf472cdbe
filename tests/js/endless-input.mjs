// A child process fed an endless standard input (`yes | semaphore-playground --program -`): how it
// ends once it stops reading at its size limit. Shared by the CLI's and the native runner's tests.
import { spawn } from 'node:child_process';

/** Runs `command ...args`, writing `chunk` to its standard input until it closes: { code, err }. */
export async function feedEndlessly(command, args, chunk) {
  const child = spawn(command, args);
  let err = '';
  child.stderr.on('data', (data) => {
    err += data;
  });
  child.stdin.on('error', () => {}); // EPIPE once the child stops reading
  let open = true;
  const code = new Promise((resolve) =>
    child.on('close', (status) => {
      open = false;
      resolve(status);
    }),
  );
  while (open) {
    if (!child.stdin.write(chunk))
      await new Promise((resolve) => {
        child.stdin.once('drain', resolve);
        child.once('close', resolve);
      });
  }
  return { code: await code, err };
}
