/**
 * JAX-RS plumbing shared by the gateway and node WARs: every error becomes an RFC 9457
 * {@code application/problem+json} answer, and request bodies are bounded in size.
 */
package org.gridplatform.server;
