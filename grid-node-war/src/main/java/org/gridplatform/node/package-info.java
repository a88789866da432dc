/**
 * The grid node: holds a data owner's datasets, answers searches about their tags, and keeps
 * itself registered with a gateway. No endpoint returns dataset rows.
 */
package org.gridplatform.node;
