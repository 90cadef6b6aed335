"""Writing documents in order: new ones gathered into bulk batches, stored ones replaced at once.

Works over any `kg.store_api.KnowledgeStore`: the embedded store batches new documents into its
journalled bulk path, a remote store (`batch_quads=0`) replaces each document in one request.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import TracebackType

from pyoxigraph import NamedNode, Quad

from kg.store_api import DocumentGraphMap, KnowledgeStore

# Quads of new documents written together through the bulk path: every batch adds files RocksDB must compact, so
# small batches slow a big load down, and a batch is held in memory as Python objects (~1 kB a quad). The
# trade-off as measured, 1× to 100×: docs/performance.md; KG_INGEST_BATCH_QUADS lowers it.
BATCH_QUADS = 100_000
FLUSH_EVERY = 100_000  # quads of replacements between flushes (RocksDB's write buffers grow until flushed)


class DocumentWriter:
    """Writes documents in the order given: new ones gathered into bulk batches, stored ones replaced at once.

    Use as a context manager (`with store.writer() as writer: writer.write(document, graphs)`): the
    last batch is written, and the store flushed, on leaving. A document already in the store, or
    one whose IRI repeats within the batch, first sends the batch, so writes keep their order.
    `batch_quads=0` replaces every document in its own transaction (no bulk path).
    """

    def __init__(self, store: KnowledgeStore, batch_quads: int = BATCH_QUADS) -> None:
        self.store, self.batch_quads = store, batch_quads
        self._batch: list[tuple[NamedNode, DocumentGraphMap]] = []
        self._pending: set[NamedNode] = set()  # documents and graphs in the batch
        self._batched = self._unflushed = 0

    def write(self, document: NamedNode, graphs: Mapping[NamedNode, list[Quad]]) -> None:
        size = sum(len(quads) for quads in graphs.values())
        if self._pending & {document, *graphs}:
            self.send()
        if self.batch_quads > 0 and self.store.is_new(document, graphs):
            self._batch.append((document, graphs))
            self._pending |= {document, *graphs}
            self._batched += size
            if self._batched >= self.batch_quads:
                self.send()
            return
        self.send()
        self.store.replace_document(document, graphs)
        self._unflushed += size
        if self._unflushed >= FLUSH_EVERY:
            self.store.flush()
            self._unflushed = 0

    def send(self) -> None:
        """Write the batch gathered so far."""
        batch = self.take()
        if batch:
            self.store.add_new_documents(batch)

    def take(self) -> list[tuple[NamedNode, DocumentGraphMap]]:
        """The documents gathered for the next batch, handed over unwritten (the writer forgets them): the
        name linking (kg.linking) links them in memory, then writes them with `store.add_new_documents`."""
        batch, self._batch, self._pending, self._batched = self._batch, [], set(), 0
        return batch

    def close(self) -> None:
        """Write the last batch and flush the store."""
        self.send()
        self.store.flush()

    def __enter__(self) -> DocumentWriter:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        if kind is None or issubclass(kind, Exception):  # an interrupt (Ctrl-C) leaves the batch unwritten
            self.close()

