package ingest

import (
	"context"
	"errors"
	"log/slog"
	"time"
)

// Poller polls the due feeds on a schedule, for a long-running server.
type Poller struct {
	Pipeline *Pipeline
	Logger   *slog.Logger // nil: the pipeline's
	// Round, when set, is called with the results of each round (tests and
	// status pages use it).
	Round func([]FeedResult, error)
}

// Run polls the due feeds at once and then every interval until ctx ends,
// and returns nil then. A round that fails (the store unavailable) is
// logged and the next round tries again; a feed that fails backs off on
// its own. When the pipeline's PollInterval is unset, Run sets it to
// interval, so that a feed polled successfully is due again next round.
func (pl *Poller) Run(ctx context.Context, interval time.Duration) error {
	if interval <= 0 {
		return errors.New("ingest: the polling interval must be positive")
	}
	if pl.Pipeline == nil {
		return errors.New("ingest: the poller has no pipeline")
	}
	log := pl.Logger
	if log == nil {
		log = pl.Pipeline.logger()
	}
	if pl.Pipeline.PollInterval == 0 {
		pl.Pipeline.PollInterval = interval
	}
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		pl.Pipeline.Refresh()
		results, err := pl.Pipeline.PollDue(ctx)
		if ctx.Err() != nil {
			return nil
		}
		var stored, failed int
		for _, r := range results {
			stored += r.Stored
			if r.Status == FeedFailed {
				failed++
			}
		}
		if err != nil {
			log.Error("feed polling round failed", "err", err)
		} else {
			log.Info("polled feeds", "feeds", len(results), "failed", failed, "stored", stored)
		}
		if pl.Round != nil {
			pl.Round(results, err)
		}
		select {
		case <-ctx.Done():
			return nil
		case <-t.C:
		}
	}
}
