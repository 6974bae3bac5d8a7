-- A lease's token: new each time the lease passes to another owner; a run's writes carry the token of the lease their
-- execution took and are refused once it changed (fencing a node that was paused past its lease).
ALTER TABLE run_leases ADD COLUMN token TEXT NOT NULL DEFAULT '';
