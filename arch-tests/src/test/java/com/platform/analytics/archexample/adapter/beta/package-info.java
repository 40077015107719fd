/** The adapter that {@code alpha} wrongly depends on. */
package com.platform.analytics.archexample.adapter.beta;
