// msw 2 names the option `onUnhandledRequest` (msw 3 renamed it `onUnhandledFrame`).
import type { SetupServer } from "msw/node";

export function listen(server: SetupServer, onUnhandled: () => void): void {
  server.listen({
    onUnhandledRequest() {
      onUnhandled();
    },
  });
}
