import { APIPromise } from "./APIPromise.js";

/** What a list operation answers: a page of items and the cursor to the next. */
export interface PageBody<Item> {
  data: Item[];
  next_cursor: string | null;
}

/**
 * One page of a list: its items (`data`), `hasNextPage()`, `getNextPage()`; `for await` over a
 * page walks its items and those of every page after it.
 */
export class Page<Item> implements AsyncIterable<Item> {
  readonly data: Item[];
  readonly next_cursor: string | null;
  readonly #cursor: string | undefined;
  readonly #fetchPage: (cursor: string) => PagePromise<Item>;

  constructor(
    body: PageBody<Item>,
    cursor: string | undefined,
    fetchPage: (cursor: string) => PagePromise<Item>,
  ) {
    this.data = body.data;
    this.next_cursor = body.next_cursor;
    this.#cursor = cursor;
    this.#fetchPage = fetchPage;
  }

  /** Whether another page follows (a server repeating a cursor ends the list, not loops it). */
  hasNextPage(): boolean {
    return !!this.next_cursor && this.next_cursor !== this.#cursor;
  }

  /** The next page; throws if there is none (check `hasNextPage()`). */
  getNextPage(): PagePromise<Item> {
    if (!this.hasNextPage()) throw new Error("latchkey: this is the last page");
    return this.#fetchPage(this.next_cursor as string);
  }

  /** This page and each one after it. */
  async *iterPages(): AsyncGenerator<Page<Item>, void, undefined> {
    let page: Page<Item> = this;
    yield page;
    while (page.hasNextPage()) {
      page = await page.getNextPage();
      yield page;
    }
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<Item, void, undefined> {
    for await (const page of this.iterPages()) yield* page.data;
  }
}

/** A promise of the first page of a list that `for await` walks item by item, page after page. */
export class PagePromise<Item> extends APIPromise<Page<Item>> implements AsyncIterable<Item> {
  async *[Symbol.asyncIterator](): AsyncGenerator<Item, void, undefined> {
    yield* await this;
  }
}
