import type { Router } from 'vue-router'
import { i18n } from '@/i18n'
import { useAuthStore } from '@/stores/auth'
import { useScopeStore } from '@/stores/scope'
import { ref } from 'vue'

/** True while a page's chunk and the session are being fetched: the layout shows it. */
export const navigating = ref(false)

export function installGuards(router: Router): void {
  router.beforeEach(async (to) => {
    navigating.value = true
    const auth = useAuthStore()
    await auth.load()
    if (auth.status !== 'ready') {
      // 401: the client is already on its way to sign in; anything else: App shows the error with a retry.
      return true
    }
    await useScopeStore().load()
    const roles = to.meta.roles
    if (roles && !auth.can(...roles)) {
      return { name: 'forbidden' }
    }
    if (to.meta.cityOnly && !(auth.isCityUser || auth.isPlatformAdmin)) {
      return { name: 'forbidden' }
    }
    return true
  })
  router.afterEach((to) => {
    navigating.value = false
    const title = to.meta.title ? i18n.global.t(to.meta.title) : ''
    document.title = title ? `${title} · ${i18n.global.t('app.name')}` : i18n.global.t('app.fullName')
  })
  router.onError(() => {
    navigating.value = false
  })
}
