package org.netbend.live;

import org.netbend.bend.BendSpec;

/** One bend of a session: its id (stable across edits of others; an edit makes a new id) and its parsed spec. */
public record LiveBend(int id, BendSpec spec) { }
