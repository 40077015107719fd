/**
 * A deliberately bad hexagon, imported on its own by {@code BadHexagonTest} to prove that the rules report
 * exactly the violations planted here. Never part of the product (test sources only).
 */
package com.platform.analytics.archexample;
