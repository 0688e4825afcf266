// Gives Dexie an in-memory IndexedDB in Node, so the data layer is tested without a browser.
import 'fake-indexeddb/auto';
