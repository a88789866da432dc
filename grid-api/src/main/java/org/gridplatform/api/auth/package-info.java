/**
 * The wire types of a node's users and tokens ({@code POST /auth/token}, {@code /users}), shared by the
 * node and the client. docs/security.md describes the roles and which endpoint each may call.
 */
package org.gridplatform.api.auth;
