/** Use cases over the stores: ids, timestamps, defaults, existence checks, and the rules of the API. */
package dev.assistants4j.core.service;
