/** TLS material for Junction's clients (backends, auth servers, Redis): trusted CAs and client certificates from PEM. */
package dev.junction.httpclient.tls;
