package fetch

// SetResolve makes the client dial to(addr) instead of addr, as if a name
// resolved there; tests use it to play DNS rebinding against the dial check.
func (c *Client) SetResolve(to func(addr string) string) { c.rewriteAddr = to }
