/** Hearth's benchmark tool: drives a real Hearth over loopback and measures it against the machine's ceilings. */
package social.hearth.bench;
