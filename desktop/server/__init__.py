"""The office server over HTTP(S): the sync protocol of ``desktop.sync`` served by
Starlette under uvicorn. No Qt here."""
