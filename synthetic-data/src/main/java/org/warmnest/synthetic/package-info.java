/** Synthetic elders for tests, the demo and benchmarks. */
package org.warmnest.synthetic;
