package org.gridplatform.server;

/**
 * A bean that starts background work (schedules, joins) when its WAR deploys. {@link DeploymentStart}
 * calls {@link #startAtDeployment()} on the deployment thread, so that the work runs in the WAR's own
 * context: started from a request of another module (Payara's health endpoint probing /health/ready
 * while the WAR deploys), a managed executor's tasks carry that module's context and are aborted
 * ("Module __default-web-module is disabled").
 */
public interface StartsAtDeployment {

    /** Starts the work; called once, on the deployment thread. */
    void startAtDeployment();
}
