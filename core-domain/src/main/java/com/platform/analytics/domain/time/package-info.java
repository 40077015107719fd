/** Time zones as queries name them: the ones every warehouse engine knows by the same name. */
package com.platform.analytics.domain.time;
