/**
 * The message contract between the services: event records, destination names and header names.
 * Contracts change additively only: a removed or renamed field is a new event type.
 */
package io.orderpipeline.messaging.contract;
