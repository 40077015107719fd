/** Money and currency conversion to RUB. */
package com.platform.analytics.domain.money;
