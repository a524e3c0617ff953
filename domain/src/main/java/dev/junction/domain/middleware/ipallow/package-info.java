/** Client-address decisions: which address a request comes from ({@code ipStrategy}) and {@code ipAllowList}. */
package dev.junction.domain.middleware.ipallow;
