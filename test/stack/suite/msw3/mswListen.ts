// msw 3 names the option `onUnhandledFrame` (msw 2's `onUnhandledRequest` is ignored by it).
import type { SetupServer } from "msw/node";

export function listen(server: SetupServer, onUnhandled: () => void): void {
  server.listen({
    onUnhandledFrame() {
      onUnhandled();
    },
  });
}
