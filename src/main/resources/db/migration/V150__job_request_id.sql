-- The request that queued a job, so its run logs with the same request id (and, with tracing on, joins the
-- request's trace): the X-Request-Id (at most 64 characters, RequestIds) and the W3C traceparent (55 characters).
alter table job add column request_id text check (length(request_id) <= 64);
alter table job add column trace_parent text check (length(trace_parent) <= 64);
