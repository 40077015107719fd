/** An adapter that breaks "adapters do not depend on each other". */
package com.platform.analytics.archexample.adapter.alpha;
