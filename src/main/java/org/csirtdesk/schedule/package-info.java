/**
 * The schedule of the procedures: steps with their due times, each belonging to an owner (a kind its feature names
 * and the id of its row), and the heartbeat that claims due steps in batches on every instance (row locks share the
 * work out, so each step runs once) and announces them to their owners as CDI events ({@code StepsClaimed}, then a
 * {@code StepDue} per step qualified by its owner kind, {@code @OwnedBy}), with retries of a failed batch step by
 * step. What a step does and when it is wanted is its owner's: SEC03 (campaign) and SEC01 (incident) plan and run
 * theirs. It depends on no feature.
 */
package org.csirtdesk.schedule;
