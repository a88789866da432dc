/**
 * The run board of the gateway role: the last few federated-training runs that coordinators
 * reported ({@code POST /training-runs}), for the dashboard to show. Display only: the board holds
 * summaries (ids, tags, progress, aggregate metrics), never data, parameters or models, and lives in
 * memory only.
 */
package org.gridplatform.server.runs;
