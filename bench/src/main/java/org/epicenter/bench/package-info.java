/** Benchmarks and research tools: NAB scoring and its cross-validation lab, load drivers. Not part of the product. */
package org.epicenter.bench;
