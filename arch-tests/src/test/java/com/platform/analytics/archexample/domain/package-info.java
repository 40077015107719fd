/** A domain that breaks the rule "JDK only" by reaching for Guice. */
package com.platform.analytics.archexample.domain;
